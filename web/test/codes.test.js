import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COUNTRY_CODES, LANGUAGE_CODES } from '../src/iso_codes.js';
import { countryName, languageName, languageNames } from '../src/names.js';

const core = join(dirname(fileURLToPath(import.meta.url)), '../../core');
/** The two-letter string literals of a C++ array in core/. */
function serverCodes(file, array) {
  const text = readFileSync(join(core, file), 'utf8');
  const body = text.slice(text.indexOf(array), text.indexOf('};', text.indexOf(array)));
  return [...body.matchAll(/"([A-Za-z]{2})"/g)].map((m) => m[1]);
}

describe('codes', () => {
  it('the pickers offer exactly the codes the server accepts', () => {
    expect(COUNTRY_CODES).toEqual(serverCodes('country_code.cpp', 'kAssigned[]'));
    expect(LANGUAGE_CODES).toEqual(serverCodes('language_code.cpp', 'kCodes[]'));
  });

  it('names codes in the language asked for, and leaves unknown ones as codes', () => {
    expect(countryName('VE', 'en')).toBe('Venezuela');
    expect(countryName('PH', 'es')).toBe('Filipinas');
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('es', 'es')).toBe('Español');
    expect(languageNames(['es', 'qu'], 'en')).toBe('Spanish, Quechua');
    expect(countryName('not a code', 'en')).toBe('not a code');
    expect(countryName('', 'en')).toBe('');
  });
});
