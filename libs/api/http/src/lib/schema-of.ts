import { createZodDto } from 'nestjs-zod';
import type { z } from 'zod';

/** True when A and B are the same type: no field, optional or not, in one that is not in the other. */
type Same<A, B> =
  (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/**
 * A zod schema that describes a contract of `@launchpad/shared-api-types` exactly:
 * `schemaOf<SessionView>()(z.strictObject({ … }))` does not compile when the schema and the
 * interface differ in any field. The interfaces stay the SPA's and the CLI's types; the schemas
 * make the OpenAPI document; this keeps the two from drifting apart silently.
 */
export const schemaOf =
  <Contract>() =>
  <Schema extends z.ZodType>(
    schema: Schema &
      (Same<z.output<Schema>, Contract> extends true
        ? unknown
        : { 'the schema does not describe the contract exactly': Contract }),
  ): Schema =>
    schema;

/**
 * The DTO class of a schema that is an OpenAPI component of its own (`.meta({ id })`): its
 * component in the document is a `$ref` to the schema's. Needed because nestjs-zod 5.5 names a
 * DTO after the id of its root schema, and zod ≥ 4.5 also turns that root into a `$ref` to
 * itself, which would leave two different schemas of one name (cleanupOpenApiDoc refuses); the
 * copy `meta({})` makes keeps everything of the schema but its id.
 */
export const componentDto = <Schema extends z.ZodType>(schema: Schema) =>
  createZodDto(schema.meta({}) as Schema);
