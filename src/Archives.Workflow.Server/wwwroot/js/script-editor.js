// The script editor of the designer's properties panel: Monaco (served by BlazorMonaco) with the names a script can
// see offered as completions. When Monaco's files did not load, `available` answers false and the panel keeps its
// plain text field.
window.archivesScriptEditor = {
    names: {},
    registered: false,

    available: async function () {
        // editor.main.js resolves its own dependencies through the AMD loader, so `monaco` may appear a moment later.
        for (let i = 0; i < 50; i++) {
            if (typeof window.monaco !== 'undefined' && window.blazorMonaco && window.blazorMonaco.editor) {
                return true;
            }
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        return false;
    },

    setNames: function (id, names) {
        this.names[id] = names || [];
        this.register();
    },

    forget: function (id) {
        delete this.names[id];
    },

    register: function () {
        if (this.registered || typeof window.monaco === 'undefined') {
            return;
        }
        this.registered = true;
        const self = this;
        monaco.languages.registerCompletionItemProvider('javascript', {
            triggerCharacters: ['.'],
            provideCompletionItems: function (model, position) {
                const holder = (window.blazorMonaco.editors || []).find(e => e.editor.getModel && e.editor.getModel() === model);
                const names = holder ? (self.names[holder.id] || []) : [];
                // The names are dotted (vars.amount, input.reason): the whole dotted word before the cursor is replaced.
                const before = model.getLineContent(position.lineNumber).substring(0, position.column - 1);
                const typed = (before.match(/[A-Za-z_$][\w$.]*$/) || [''])[0];
                const range = new monaco.Range(position.lineNumber, position.column - typed.length, position.lineNumber, position.column);
                return {
                    suggestions: names.map(name => ({
                        label: name,
                        kind: monaco.languages.CompletionItemKind.Variable,
                        insertText: name,
                        filterText: name,
                        range: range
                    }))
                };
            }
        });
    }
};
