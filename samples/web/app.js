// The sign-in flow as an app runs it (docs/clients.md): ask for a code (solving a challenge when asked), let WebOTP
// fill the code in, verify, show /me, refresh, sign out.
import * as api from './api.js';
import { solve } from './challenge.js';
import { formatTime, language, setLanguage, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

// Tokens live in this module's memory only, never in localStorage, where any script on the origin could read them
// and where they would outlive the tab (README.md).
let session = null; // { access, refresh, expiresAt }
let pending = null; // { phone, verificationId } while a code is on its way
let smsListener = null; // AbortController of the WebOTP request
let refreshing = null; // the refresh in flight: a second one with the same token would end the session
let refreshTimer = 0;
let busyRetried = false; // a 503 is retried once, then we give up
let wait = null; // { button, timer } of the Retry-After countdown

function say(key, values) {
  $('status').textContent = key ? t(key, values) : '';
  $('error').textContent = '';
}

const fail = (message) => { $('error').textContent = message; };

function show(step) {
  $('phone-step').hidden = step !== 'phone';
  $('code-step').hidden = step !== 'code';
  $('account').hidden = step !== 'account';
}

// Retry-After: the button stays off, with the wait shown, until it has passed; never a retry loop (docs/clients.md).
function hold(button, seconds, key, then) {
  if (wait) { clearInterval(wait.timer); wait.button.disabled = false; }
  const until = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left > 0) { $('wait').textContent = t(key, { n: left }); return; }
    clearInterval(wait.timer);
    wait = null;
    $('wait').textContent = '';
    button.disabled = false;
    then?.();
  };
  button.disabled = true;
  wait = { button, timer: setInterval(tick, 1000) };
  tick();
}

const sendButton = () => ($('code-step').hidden ? $('send') : $('resend'));

async function sendCode(phone) {
  const button = sendButton();
  button.disabled = true; // a double click must not send two SMS
  say('sending');
  try {
    const sent = await requestSolvingChallenges({ phone_number: phone, language: language() });
    pending = { phone, verificationId: sent.verification_id };
    enterCode(phone);
    say('sent', { n: Math.round(sent.expires_in / 60) });
  } catch (error) {
    onSendRefused(error, phone);
  } finally {
    if (wait?.button !== button) button.disabled = false;
  }
}

async function requestSolvingChallenges(body) {
  // 428: Pilito is under pressure. A solution lets exactly one request through; one that expired meanwhile is
  // answered with a fresh challenge, which gets one more try.
  for (let tries = 1; ; tries++) {
    try {
      return await api.requestCode(body);
    } catch (error) {
      if (error.status !== 428 || tries === 3) throw error;
      say('solving');
      body = { ...body, altcha: await solve(error.body.challenge) };
    }
  }
}

function onSendRefused(error, phone) {
  say(null);
  switch (error.status) {
    case 429:
      return hold(sendButton(), error.retryAfter ?? 60, 'wait');
    case 503:
      if (error.retryAfter && !busyRetried) {
        busyRetried = true;
        return hold(sendButton(), error.retryAfter, 'busy', () => sendCode(phone));
      }
      return fail(t('giveUp'));
    case 0: // no answer: the request may have reached Pilito, so treat it as a 504
    case 504: // the SMS may have gone out: never resend by ourselves; the code may still arrive
      pending = { phone };
      enterCode(phone);
      fail(t('maybeSent'));
      return hold($('resend'), 60, 'askAgain');
    case 502:
      return fail(`${t('providerFailed')} ${error.message}`);
    default:
      return fail(error.status === 400 ? error.message : t('failed', { detail: error.message }));
  }
}

function enterCode(phone) {
  show('code');
  $('sent-to').textContent = phone;
  $('code').value = '';
  $('code').focus();
  listenForSms();
}

// WebOTP (Chrome, Edge): reads the code from an SMS that ends in "@<this page's host> #<code>" (Pilito's
// Sms:AutofillDomain) once the person allows it. Safari fills the input through autocomplete="one-time-code".
function listenForSms() {
  smsListener?.abort();
  if (!('OTPCredential' in window)) return;
  smsListener = new AbortController();
  navigator.credentials.get({ otp: { transport: ['sms'] }, signal: smsListener.signal })
    .then((otp) => {
      if (!otp?.code) return;
      $('code').value = otp.code;
      $('code-step').requestSubmit();
    })
    .catch(() => {}); // aborted, declined, or no phone to read from: the person types the code
}

async function verify(code) {
  $('verify').disabled = true;
  say('verifying');
  try {
    // Always with the verification_id: then strangers' wrong guesses cannot lock this person's code.
    const signedIn = await api.verifyCode(pending.phone, code, pending.verificationId);
    smsListener?.abort();
    pending = null;
    startSession(signedIn);
    $('welcome').textContent = t(signedIn.is_new_user ? 'welcomeNew' : 'welcomeBack');
    await showAccount();
    say(null);
  } catch (error) {
    say(null);
    if (error.status === 429) return hold($('verify'), error.retryAfter ?? 60, 'wait');
    fail(error.message);
    $('code').select();
  } finally {
    if (wait?.button !== $('verify')) $('verify').disabled = false;
  }
}

function startSession(pair) {
  session = { access: pair.access_token, refresh: pair.refresh_token, expiresAt: Date.now() + pair.expires_in * 1000 };
  // Refresh a minute before the access token expires, so calls never carry an expired one.
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, Math.max(pair.expires_in - 60, 10) * 1000);
}

async function showAccount() {
  const user = await api.me(session.access);
  $('me-phone').textContent = user.phone_number;
  $('me-joined').textContent = formatTime(new Date(user.date_joined));
  // Only the tail: enough to see that a refresh brought a new token, too little to use.
  $('token-tail').textContent = `…${session.access.slice(-8)}`;
  $('token-expiry').textContent = t('expires', { t: formatTime(new Date(session.expiresAt)) });
  show('account');
}

function refresh() {
  refreshing ??= (async () => {
    try {
      // The refresh token is spent by this call: keep the new pair before anything else.
      startSession(await api.refreshTokens(session.refresh));
      await showAccount();
      say('refreshed');
    } catch (error) {
      if (error.status === 401) endSession('sessionEnded'); // signed out elsewhere, locked, or a reused token
      else fail(t('failed', { detail: error.message }));
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function signOut() {
  try {
    await api.logout(session.refresh);
  } catch {
    // The local session ends whatever the answer: the tokens are forgotten below.
  } finally {
    endSession('signedOut');
  }
}

function endSession(key) {
  session = null;
  clearTimeout(refreshTimer);
  show('phone');
  say(key);
}

function useLanguage(lang) {
  setLanguage(lang);
  const other = lang === 'fa' ? 'en' : 'fa';
  $('language').textContent = t('other'); // the switch names the other language, in that language
  $('language').lang = other;
}

$('phone-step').addEventListener('submit', (event) => {
  event.preventDefault();
  busyRetried = false;
  sendCode($('phone').value.trim()); // Persian or Arabic-Indic digits, spaces, +98…: Pilito reads them all
});
$('code-step').addEventListener('submit', (event) => {
  event.preventDefault();
  verify($('code').value.trim()); // Persian digits too
});
$('resend').addEventListener('click', () => { busyRetried = false; sendCode(pending.phone); });
$('change-phone').addEventListener('click', () => {
  smsListener?.abort();
  pending = null;
  show('phone');
  say(null);
});
$('refresh').addEventListener('click', refresh);
$('sign-out').addEventListener('click', signOut);
$('language').addEventListener('click', () => useLanguage(language() === 'fa' ? 'en' : 'fa'));

useLanguage(language());
