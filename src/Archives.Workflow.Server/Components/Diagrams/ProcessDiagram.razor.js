// The wheel over the diagram scrolls the page, as over a map; Ctrl (or ⌘, or a trackpad's pinch, which the browser
// reports as Ctrl) zooms the diagram. The listener sits on the diagram's box in the capture phase: a plain wheel
// stops there, so the canvas never sees it (and never zooms or holds the page), and the browser scrolls as usual;
// a Ctrl wheel goes on to the canvas, which zooms about the pointer, and the browser's own page zoom is prevented.
const hintFor = 1500;

export function attach(box) {
    if (!box || box.diagramWheel) {
        return;
    }

    let timer = 0;
    const onWheel = e => {
        if (e.ctrlKey || e.metaKey) {
            e.preventDefault();
            return;
        }

        e.stopPropagation();
        box.classList.add('show-wheel-hint');
        clearTimeout(timer);
        timer = setTimeout(() => box.classList.remove('show-wheel-hint'), hintFor);
    };
    box.diagramWheel = onWheel;
    box.addEventListener('wheel', onWheel, { capture: true, passive: false });
}

export function detach(box) {
    if (box && box.diagramWheel) {
        box.removeEventListener('wheel', box.diagramWheel, { capture: true });
        delete box.diagramWheel;
    }
}
