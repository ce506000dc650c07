// The page's texts in English and Persian. Server messages (field errors) come in English: the API's contract.

const texts = {
  en: {
    title: 'Sign in with your mobile',
    phoneLabel: 'Mobile number',
    send: 'Send code',
    codeSentTo: 'Enter the code we sent to',
    codeLabel: 'Code',
    verify: 'Verify',
    resend: 'Send a new code',
    changePhone: 'Change number',
    phone: 'Phone',
    joined: 'Joined',
    token: 'Access token',
    refresh: 'Refresh session',
    signOut: 'Sign out',
    other: 'فارسی',
    sending: 'Sending the code…',
    solving: 'The service is busy: your browser is doing a short check first…',
    sent: 'Code sent. It is valid for {n} minutes.',
    maybeSent: 'The SMS service did not answer in time: a code may still arrive. Wait for it before asking again.',
    providerFailed: 'The code could not be sent. Try again in a moment.',
    busy: 'The service is busy. Trying once more in {n} s.',
    giveUp: 'The service is busy. Please try again later.',
    wait: 'Too many attempts. Try again in {n} s.',
    askAgain: 'You can ask for a new code in {n} s.',
    verifying: 'Checking the code…',
    welcomeNew: 'Welcome!',
    welcomeBack: 'Welcome back!',
    expires: '(valid until {t})',
    refreshed: 'Session refreshed.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    signedOut: 'You are signed out.',
    failed: 'Something went wrong ({detail}).',
  },
  fa: {
    title: 'ورود با شماره موبایل',
    phoneLabel: 'شماره موبایل',
    send: 'ارسال کد',
    codeSentTo: 'کدی را که فرستادیم وارد کنید، به',
    codeLabel: 'کد',
    verify: 'تأیید',
    resend: 'ارسال کد تازه',
    changePhone: 'تغییر شماره',
    phone: 'شماره',
    joined: 'عضویت',
    token: 'توکن دسترسی',
    refresh: 'تمدید نشست',
    signOut: 'خروج',
    other: 'English',
    sending: 'در حال ارسال کد…',
    solving: 'سرویس شلوغ است: مرورگر شما ابتدا یک بررسی کوتاه انجام می‌دهد…',
    sent: 'کد ارسال شد و تا {n} دقیقه معتبر است.',
    maybeSent: 'سرویس پیامک به موقع پاسخ نداد: ممکن است کد همچنان برسد. پیش از درخواست دوباره منتظر بمانید.',
    providerFailed: 'ارسال کد ممکن نشد. لحظه‌ای بعد دوباره تلاش کنید.',
    busy: 'سرویس شلوغ است. {n} ثانیه دیگر یک بار دیگر تلاش می‌کنیم.',
    giveUp: 'سرویس شلوغ است. لطفاً بعداً تلاش کنید.',
    wait: 'تلاش‌ها زیاد بود. {n} ثانیه دیگر دوباره تلاش کنید.',
    askAgain: '{n} ثانیه دیگر می‌توانید کد تازه بخواهید.',
    verifying: 'در حال بررسی کد…',
    welcomeNew: 'خوش آمدید!',
    welcomeBack: 'خوش برگشتید!',
    expires: '(معتبر تا {t})',
    refreshed: 'نشست تمدید شد.',
    sessionEnded: 'نشست شما پایان یافته است. لطفاً دوباره وارد شوید.',
    signedOut: 'از حساب خارج شدید.',
    failed: 'خطایی رخ داد ({detail}).',
  },
};

let current = navigator.language?.startsWith('fa') ? 'fa' : 'en';

export const language = () => current;

const locale = () => (current === 'fa' ? 'fa-IR' : 'en-GB');

/** A text in the current language, with {name} placeholders filled in (numbers in Persian digits in Persian). */
export function t(key, values = {}) {
  return texts[current][key].replace(/\{(\w+)\}/g, (_, name) => {
    const value = values[name] ?? '';
    return typeof value === 'number' ? value.toLocaleString(locale()) : String(value);
  });
}

/** Switches the page: lang and dir on <html> (Persian is right to left), and every [data-text] element. */
export function setLanguage(lang) {
  current = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
  for (const element of document.querySelectorAll('[data-text]'))
    element.textContent = t(element.dataset.text);
}

/** A date and time as the person reads them: the Solar Hijri calendar and Persian digits in Persian. */
export function formatTime(date) {
  return date.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}
