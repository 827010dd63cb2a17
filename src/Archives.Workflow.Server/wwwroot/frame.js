// The skip link moves the keyboard's focus, not only the scroll position, to the page's main region.
// Listened to in the capture phase, before Blazor's navigation takes the click.
document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
    const main = document.getElementById('main-content');
    if (link && main) {
        event.preventDefault();
        event.stopPropagation();
        main.focus();
        main.scrollIntoView();
    }
}, true);

// After a refused submit the keyboard's focus moves to the first field at fault (a form's wrapper names its field in data-field).
window.archivesFocusField = key => {
    const wrapper = Array.from(document.querySelectorAll('[data-field]')).find(element => element.dataset.field === key);
    const control = wrapper?.querySelector('input:not([type=hidden]):not([disabled]), textarea:not([disabled]), [role=combobox], button:not([disabled])');
    if (control) {
        control.focus();
        control.scrollIntoView({ block: 'center' });
    }
};
