// The DOM-free helpers of render.js (render itself needs a browser; the demo page exercises it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathThrough, kindClass } from '../src/render.js';

test('pathThrough starts and ends on the first and last point', () => {
  const d = pathThrough([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }]);
  assert.match(d, /^M0,0L/);
  assert.match(d, /L20,10$/, 'ends with a straight piece so the arrowhead has a direction');
  assert.equal(pathThrough([]), '');
});

test('kindClass keeps kinds safe as class names', () => {
  assert.equal(kindClass('feedback'), 'feedback');
  assert.equal(kindClass('Weird Kind"><x'), 'weird-kind-x');
  assert.equal(kindClass(undefined), 'default');
});
