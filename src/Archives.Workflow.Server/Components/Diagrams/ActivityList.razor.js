// Arrow keys, Home and End move the focus between the items of an activity list (Tab reaches each of them too);
// Enter on an item with exactly one task link follows it. The keys stop at the list, so a page's own shortcuts
// (such as stepping through a history) do not fire as well.
export function attach(list) {
    if (!list || list.activityKeys) {
        return;
    }

    const onKey = e => {
        const item = e.target.closest('li');
        if (!item || item.parentElement !== list) {
            return;
        }

        const items = Array.from(list.children);
        const at = items.indexOf(item);
        let next;
        switch (e.key) {
            case 'ArrowDown':
            case 'ArrowRight':
                next = Math.min(at + 1, items.length - 1);
                break;
            case 'ArrowUp':
            case 'ArrowLeft':
                next = Math.max(at - 1, 0);
                break;
            case 'Home':
                next = 0;
                break;
            case 'End':
                next = items.length - 1;
                break;
            case 'Enter': {
                const links = item.querySelectorAll('a[href]');
                if (e.target === item && links.length === 1) {
                    e.preventDefault();
                    links[0].click();
                }

                return;
            }
            default:
                return;
        }

        e.preventDefault();
        e.stopPropagation();
        items[next].focus();
    };
    list.activityKeys = onKey;
    list.addEventListener('keydown', onKey);
}
