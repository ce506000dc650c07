// Follows the browser's light or dark preference with Bootstrap 5.3's colour modes. Loaded in <head>, before the page
// paints, so a dark screen never flashes white; and it follows a change of the preference while the page is open.
(() => {
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => document.documentElement.setAttribute('data-bs-theme', dark.matches ? 'dark' : 'light');
    apply();
    dark.addEventListener('change', apply);
})();
