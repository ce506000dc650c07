// Pilito's 428 answer carries an ALTCHA v1 challenge (docs/api.md). altcha-lib's own solver (vendored, unmodified:
// vendor/altcha-lib) finds the number; the payload is what the altcha widget posts: base64 of the JSON below.
import { solveChallenge } from './vendor/altcha-lib/index.js';

/** Solves the challenge of a 428 body and returns the value of the request's "altcha" field. */
export async function solve(challenge) {
  const { algorithm, salt, signature, maxnumber } = challenge;
  const { promise } = solveChallenge(challenge.challenge, salt, algorithm, maxnumber);
  const solution = await promise;
  if (!solution) throw new Error('The challenge has no solution up to maxnumber.');
  return btoa(JSON.stringify({
    algorithm, challenge: challenge.challenge, number: solution.number, salt, signature, took: solution.took,
  }));
}
