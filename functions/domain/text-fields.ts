import { z } from 'zod';

/** Printable text on one line: names and titles end up in e-mail subjects and page titles. */
export const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'No control characters or line breaks');

/** Free text: line breaks allowed, other control characters not. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .regex(/^(?:[^\p{Cc}]|[\n\r\t])*$/u, 'No control characters');
