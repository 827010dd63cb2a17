// Loads Monaco (BlazorMonaco's scripts) and the script editor's helper the first time a script editor renders, so that
// no other page downloads them. The scripts are added in order, as the page's own <script> tags would run them; a
// script that does not load answers false, and the editor keeps its plain text field.
let loading = null;

function add(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.async = false;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error('Not loaded: ' + src));
        document.head.appendChild(script);
    });
}

export async function load(sources) {
    if (!loading) {
        loading = (async () => {
            for (const src of sources) {
                await add(src);
            }
        })();
    }

    try {
        await loading;
    } catch {
        return false;
    }

    return window.archivesScriptEditor ? await window.archivesScriptEditor.available() : false;
}
