/** The JSON Schemas of the simulator's formats, generated from the zod schemas (never written by hand). */
import { z } from 'zod';
import { Scenario, SimulationOutput } from './scenario';

export function simulatorJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2) + '\n';
  return {
    'scenario.schema.json': render(Scenario, 'Simulator scenario'),
    'simulation-output.schema.json': render(SimulationOutput, 'Simulator output'),
  };
}
