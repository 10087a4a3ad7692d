/**
 * The API reference page, read from the same OpenAPI document clients get:
 * each operation with its parameters, body and answer, field by field.
 */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  format?: string;
  nullable?: boolean;
}

interface OperationObject {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  parameters: ReferenceField[];
  body: ReferenceField[];
  answer: { status: string; fields: ReferenceField[] } | undefined;
  statuses: string[];
}

/** A schema's type in words a reader of the reference expects ("string (uuid)", "one of: read, read-write", "list of object"). */
function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.enum) return `one of: ${schema.enum.map((value) => (value === '' ? '"" (none)' : String(value))).join(', ')}`;
  // A choice that may also be empty or null reads as one list.
  if (schema.anyOf?.every((member) => member.enum)) return typeOf({ enum: schema.anyOf.flatMap((member) => member.enum ?? []) });
  if (schema.anyOf) return [...new Set(schema.anyOf.map(typeOf))].join(' or ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['any'];
  return types
    .map((type) => (type === 'array' ? `list of ${typeOf(schema.items)}` : type === 'string' && schema.format ? `string (${schema.format})` : type))
    .join(' or ');
}

function fieldsOf(schema: JsonSchema | undefined): ReferenceField[] {
  const properties = schema?.properties ?? {};
  const required = new Set(schema?.required ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: required.has(name),
    description: property.description ?? '',
  }));
}

export function referenceFrom(document: { paths?: Record<string, Record<string, OperationObject>> }): Array<{ tag: string; operations: ReferenceOperation[] }> {
  const byTag = new Map<string, ReferenceOperation[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const statuses = Object.keys(operation.responses ?? {});
      const success = statuses.find((status) => status.startsWith('2'));
      const answerSchema = success ? operation.responses?.[success]?.content?.['application/json']?.schema : undefined;
      const list = answerSchema?.properties?.data?.items;
      const entry: ReferenceOperation = {
        id: `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, ''),
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? '',
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: `${parameter.name} (${parameter.in === 'query' ? 'query' : 'path'})`,
          type: typeOf(parameter.schema),
          required: parameter.required ?? false,
          description: parameter.description ?? parameter.schema?.description ?? '',
        })),
        body: fieldsOf(operation.requestBody?.content?.['application/json']?.schema),
        answer: success ? { status: success, fields: fieldsOf(list ?? answerSchema) } : undefined,
        statuses,
      };
      const tag = operation.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
    }
  }
  return [...byTag].map(([tag, operations]) => ({ tag, operations }));
}
