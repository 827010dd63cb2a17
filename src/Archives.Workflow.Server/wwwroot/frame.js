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
