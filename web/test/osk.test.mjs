// The on-screen keyboard's labels follow the target's layout (the keys send physical codes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelFor } from '../dist/js/osk.js';

test('en-US letters and symbols; Shift makes letters upper case', () => {
  assert.equal(labelFor('KeyY', 'en-US', false), 'y');
  assert.equal(labelFor('KeyH', 'en-US', true), 'H');
  assert.equal(labelFor('Semicolon', 'en-US', false), ';');
  assert.equal(labelFor('Digit1', 'en-US', false), '1');
});

test('de-DE swaps Y and Z and has umlauts', () => {
  assert.equal(labelFor('KeyY', 'de-DE', false), 'z');
  assert.equal(labelFor('KeyZ', 'de-DE', false), 'y');
  assert.equal(labelFor('Semicolon', 'de-DE', true), 'Ö');
});

test('fr-FR is AZERTY', () => {
  assert.equal(labelFor('KeyQ', 'fr-FR', false), 'a');
  assert.equal(labelFor('KeyW', 'fr-FR', false), 'z');
  assert.equal(labelFor('Semicolon', 'fr-FR', false), 'm');
});

test('an unknown layout falls back to en-US labels', () => {
  assert.equal(labelFor('KeyQ', 'xx-XX', false), 'q');
});
