// Tests of the invoice view's exact rounding of decimal strings for display.
import { describe, expect, it } from 'vitest';
import { currentMonth, roundDecimalText } from './invoice-view.ts';

describe('roundDecimalText', () => {
  it('rounds decimal strings half-up on their digits', () => {
    expect(roundDecimalText('0.3720703125', 2)).toBe('0.37');
    expect(roundDecimalText('12.345', 2)).toBe('12.35');
    expect(roundDecimalText('9.999', 2)).toBe('10.00');
    expect(roundDecimalText('-0.001', 2)).toBe('0.00');
    expect(roundDecimalText('7', 2)).toBe('7');
    expect(roundDecimalText('abc', 2)).toBe('abc');
  });
});

describe('currentMonth', () => {
  it('is the UTC month', () => {
    expect(currentMonth(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(currentMonth(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12');
  });
});
