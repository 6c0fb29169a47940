import { expect } from '@open-wc/testing';
import { PlaygateError } from '../../src/model/error.js';
import { rejection } from './wire.js';

/** Awaits a call that must reject with a PlaygateError, and returns that error. */
export async function failure(call: Promise<unknown>): Promise<PlaygateError> {
  const error = await rejection(call);
  expect(error).to.be.instanceOf(PlaygateError);
  return error as PlaygateError;
}

/** The PlaygateError a caught value must be. */
export function asPlaygateError(error: unknown): PlaygateError {
  expect(error).to.be.instanceOf(PlaygateError);
  return error as PlaygateError;
}
