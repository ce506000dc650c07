// Every call of Pilito's API this page makes (docs/api.md has each answer). Refusals become an ApiError.

const base = '/api/v1/usr';

export class ApiError extends Error {
  /** status: HTTP status (0: no answer at all); body: the JSON answer; retryAfter: seconds, or null. */
  constructor(status, body, retryAfter) {
    super(messageOf(body) ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

// Refusals are {"detail": "…"} or field errors such as {"phone_number": ["…"]}.
function messageOf(body) {
  if (!body || typeof body !== 'object') return null;
  if (typeof body.detail === 'string') return body.detail;
  const first = Object.values(body).find(Array.isArray);
  return first?.[0] ?? null;
}

async function call(path, { body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    // credentials 'omit': the page sends its in-memory token itself and keeps the server's HTTP_ACCESS cookie out
    // of the way, so what authenticates each call is the header you can see (README.md).
    response = await fetch(base + path, {
      method: body ? 'POST' : 'GET', headers, body: body && JSON.stringify(body), credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, null, null); // no answer: the request may still have reached Pilito
  }
  const json = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, json, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return json;
}

/** POST /otp: {phone_number, language, altcha?} → {phone_number, expires_in, verification_id}. */
export const requestCode = (body) => call('/otp', { body });

/** POST /otp/verify → {access_token, refresh_token, expires_in, is_new_user, user}. */
export const verifyCode = (phone, code, verificationId) =>
  call('/otp/verify', { body: { phone_number: phone, code, verification_id: verificationId } });

/** GET /me with the access token → {id, phone_number, date_joined}. */
export const me = (accessToken) => call('/me', { token: accessToken });

/** POST /token/refresh → a new pair; the refresh token sent is spent. */
export const refreshTokens = (refreshToken) => call('/token/refresh', { body: { refresh_token: refreshToken } });

/** POST /logout: this device's session ends (204 whatever the token). */
export const logout = (refreshToken) => call('/logout', { body: { refresh_token: refreshToken } });
