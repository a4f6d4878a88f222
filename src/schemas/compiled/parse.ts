/**
 * The workflows' readers of their inputs: each parses as its zod schema does (same verdict, same value), from
 * the compiled data, with no zod in the bundle. Shaped like zod's safeParse result.
 */
import type { RegistrationParsed } from '../candidate';
import type { Command } from '../commands';
import type { Correction } from '../correction';
import type { Acknowledgement, Delivery } from '../inbox';
import compiled from './compiled.json';
import { compiledReader, type Parsed } from './read';
import type { CompiledSchemas } from './spec';

const reader = compiledReader(compiled as unknown as CompiledSchemas);

export const parseCommand = (raw: unknown): Parsed<Command> => reader.parse('Command', raw);
export const parseCorrection = (raw: unknown): Parsed<Correction> => reader.parse('Correction', raw);
export const parseRegistration = (raw: unknown): Parsed<RegistrationParsed> => reader.parse('Registration', raw);
export const parseDelivery = (raw: unknown): Parsed<Delivery> => reader.parse('Delivery', raw);
export const parseAcknowledgement = (raw: unknown): Parsed<Acknowledgement> => reader.parse('Acknowledgement', raw);
