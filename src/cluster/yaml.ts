/**
 * Just enough YAML to write Temporal's configuration so an operator can read it: nested maps, lists, and scalars,
 * strings always double-quoted (JSON's quoting is valid YAML). `raw()` passes text through unquoted, for the
 * server's template expressions.
 */
export class Raw {
  constructor(readonly text: string) {}
}
export const raw = (text: string) => new Raw(text);

export type YamlValue = string | number | boolean | Raw | YamlValue[] | { [key: string]: YamlValue | undefined };

const scalar = (v: string | number | boolean | Raw): string =>
  v instanceof Raw ? v.text : typeof v === 'string' ? JSON.stringify(v) : String(v);

const isScalar = (v: YamlValue): v is string | number | boolean | Raw => typeof v !== 'object' || v instanceof Raw;

function lines(value: YamlValue, indent: string): string[] {
  if (isScalar(value)) throw new Error('toYaml: a document is a map or a list');
  if (Array.isArray(value)) {
    if (!value.length) throw new Error('toYaml: empty lists are not written');
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const [first, ...rest] = lines(item, indent + '  ');
      return [`${indent}- ${first!.trimStart()}`, ...rest];
    });
  }
  return Object.entries(value).flatMap(([key, v]) => {
    if (v === undefined) return [];
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new Error(`toYaml: key ${JSON.stringify(key)} would need quoting`);
    return isScalar(v) ? [`${indent}${key}: ${scalar(v)}`] : [`${indent}${key}:`, ...lines(v, indent + '  ')];
  });
}

export function toYaml(value: YamlValue): string {
  return lines(value, '').join('\n') + '\n';
}
