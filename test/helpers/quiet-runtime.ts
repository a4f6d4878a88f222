import { installQuietRuntime } from '../../src/temporal/quiet-runtime';

installQuietRuntime();
