import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { pickTrackMessages, withoutTrackMessages, fill } from '../src/track/pick_messages.js';
import { normaliseCode, failureKey, meaningKey } from '../src/track/track_api.js';
import { trackUrl, slipLinks } from '../src/roles/caseworker/track_link.js';
import { qrMatrix, qrPath } from '../src/components/qr.js';
import { LANGUAGES } from '../src/i18n/languages.js';
import { rasterize } from './qr_raster.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../src/i18n');
const load = (code) => JSON.parse(readFileSync(join(dir, `${code}.json`), 'utf8'));

describe('the person page strings', () => {
  it('carry only track, category and state keys, English under what a catalogue lacks', () => {
    const picked = pickTrackMessages({ 'track.title': 'Siga', 'signin.title': 'Entrar', 'category.food': 'Comida' },
      { 'track.title': 'Follow', 'track.pin': 'PIN', 'state.accepted': 'Accepted', 'cases.title': 'Cases' });
    expect(picked).toEqual({ 'track.title': 'Siga', 'track.pin': 'PIN', 'category.food': 'Comida', 'state.accepted': 'Accepted' });
  });
  it('stay out of the UI catalogue', () => {
    expect(withoutTrackMessages({ 'track.title': 'x', 'slip.title': 'y' })).toEqual({ 'slip.title': 'y' });
  });
  it('are a small part of each language, and need no ICU formatter (plain {name} arguments only)', () => {
    for (const { code } of LANGUAGES) {
      const cat = load(code);
      const picked = pickTrackMessages(cat, load('en'));
      expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(cat).length / 4);
      for (const [k, v] of Object.entries(picked)) expect([code, k, /\{\s*\w+\s*,/.test(v) || /'\{/.test(v)]).toEqual([code, k, false]);
    }
  });
  it('fill {name} arguments and leave unknown ones', () => {
    expect(fill('Hasta el {date}, {who}', { date: '3 dic' })).toBe('Hasta el 3 dic, {who}');
  });
});

describe('the person page look-up', () => {
  it('reads a code as Crockford base32 does: any case, no hyphens or spaces, O as 0, I and L as 1', () => {
    expect(normaliseCode(' 7kq2-m9xd ')).toBe('7KQ2M9XD');
    expect(normaliseCode('OIL0')).toBe('0110');
  });
  it('explains the lock-out, a wrong code or PIN, and no network differently', () => {
    expect(failureKey(429)).toBe('track.locked');
    expect(failureKey(404)).toBe('track.not_found');
    expect(failureKey(422)).toBe('track.not_found');
    expect(failureKey(0)).toBe('track.network');
    expect(failureKey(503)).toBe('track.error');
  });
  it('says what each state means for the person', () => {
    expect(meaningKey('received')).toBe('track.meaning_waiting');
    expect(meaningKey('on-hold')).toBe('track.meaning_accepted');
    expect(meaningKey('completed')).toBe('track.meaning_done');
    expect(meaningKey('rejected')).toBe('track.meaning_closed');
  });
});

describe('the slip QR code', () => {
  it('scans to the track URL with the code and without the PIN', async () => {
    const url = trackUrl('https://enlace.example.org', '7KQ2M9XD');
    expect(url).toBe('https://enlace.example.org/track?code=7KQ2M9XD');
    const matrix = await qrMatrix(url);
    const { px, w } = rasterize(qrPath(matrix), matrix.length, 4);
    expect(jsQR(px, w, w)?.data).toBe(url);
  });

  it('points at the server\u2019s public address, not the address this tab reached it at', () => {
    const tracking = { code: '7KQ2M9XD', url: 'https://enlace.example.org/track?code=7KQ2M9XD' };
    expect(slipLinks(tracking, 'http://10.0.0.5:8080')).toEqual({
      url: 'https://enlace.example.org/track?code=7KQ2M9XD',
      page: 'https://enlace.example.org/track',
    });
    // A server with no public address configured: this tab's origin.
    expect(slipLinks({ code: '7KQ2M9XD', url: null }, 'http://10.0.0.5:8080')).toEqual({
      url: 'http://10.0.0.5:8080/track?code=7KQ2M9XD',
      page: 'http://10.0.0.5:8080/track',
    });
  });
});

describe('the PIN on the sender’s screens', async () => {
  const { keepTracking, trackingOf } = await import('../src/referral/tracking_once.js');
  it('is shown from the reply that sent the referral, and only the code once the server no longer gives it', () => {
    expect(trackingOf({ id: 'r1', tracking: { code: '7KQ2M9XD', pin: null } })).toEqual({ code: '7KQ2M9XD', pin: null, url: null });
    keepTracking('r1', { id: 'r1', tracking: { code: '7KQ2M9XD', pin: '042917' } });
    expect(trackingOf({ id: 'r1', tracking: { code: '7KQ2M9XD', pin: null } })).toEqual({ code: '7KQ2M9XD', pin: '042917', url: null });
    expect(trackingOf({ id: 'r2', tracking: { code: 'ABCDEFGH' } })).toEqual({ code: 'ABCDEFGH', pin: null, url: null });
  });
  it('is nothing for a draft or a receiver, who have no tracking', () => {
    expect(trackingOf({ id: 'r3' })).toBe(null);
    expect(trackingOf(undefined)).toBe(null);
  });
});
