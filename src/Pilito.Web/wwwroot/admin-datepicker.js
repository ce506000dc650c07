// The Persian pages' date filters: a Solar Hijri date picker (JalaliDatePicker, wwwroot/lib/jalalidatepicker) on the
// inputs marked data-jdp. Loaded only by pages that have such filters, and only in Persian; an external file because
// the admin CSP allows no inline script. The picker writes 1404/09/10 in Latin digits, which AdminDays reads.
(() => {
    // Persian (U+06F0…) and Arabic-Indic (U+0660…) digits, as staff may type them, made Latin: both runs start at a
    // code point ending in 0, so the low four bits are the digit.
    const latin = text => text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, d => String(d.charCodeAt(0) & 0xF));

    for (const input of document.querySelectorAll('input[data-jdp]')) {
        // The picker reads the field's day with parseInt, which makes NaN of Persian digits and draws no month. This
        // listener on the field runs before the picker's own (on the body, as the event bubbles), so it sees Latin
        // digits: the same day, which the server reads either way.
        input.addEventListener('focusin', () => { input.value = latin(input.value); });
    }

    window.jalaliDatepicker.startWatch({
        persianDigits: true, // in the calendar, as the pages show figures; the field's value stays Latin
        autoReadOnlyInput: false, // typing a day must keep working, on phones too
    });
})();
