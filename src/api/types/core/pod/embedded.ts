/**
 * Go structs that pod types embed: their fields appear inline in JSON (and so in the schemas, which
 * list them among the outer type's fields with the embedded struct's own protobuf numbers), but in
 * protobuf they are one nested message under the outer field number given here. A protobuf codec
 * decodes field `proto` of `outer` as a `struct` message and merges its fields into the object.
 */
import type { ObjectSchema } from '../../../schema/schema.js';
import { LocalObjectReferenceSchema } from '../common/references.js';
import { EphemeralContainerCommonSchema, EphemeralContainerSchema } from './container.js';
import { ConfigMapEnvSourceSchema, ConfigMapKeySelectorSchema, SecretEnvSourceSchema, SecretKeySelectorSchema } from './env.js';
import { ProbeHandlerSchema, ProbeSchema } from './probe.js';
import { ConfigMapProjectionSchema, ConfigMapVolumeSourceSchema, SecretProjectionSchema } from './volume-config.js';
import { VolumeSchema, VolumeSourceSchema } from './volume.js';

export interface EmbeddedStruct {
  outer: ObjectSchema;
  proto: number;
  struct: ObjectSchema;
}

export const POD_EMBEDDED_STRUCTS: readonly EmbeddedStruct[] = [
  { outer: VolumeSchema, proto: 2, struct: VolumeSourceSchema },
  { outer: ProbeSchema, proto: 1, struct: ProbeHandlerSchema },
  { outer: EphemeralContainerSchema, proto: 1, struct: EphemeralContainerCommonSchema },
  { outer: ConfigMapVolumeSourceSchema, proto: 1, struct: LocalObjectReferenceSchema },
  { outer: SecretProjectionSchema, proto: 1, struct: LocalObjectReferenceSchema },
  { outer: ConfigMapProjectionSchema, proto: 1, struct: LocalObjectReferenceSchema },
  { outer: ConfigMapKeySelectorSchema, proto: 1, struct: LocalObjectReferenceSchema },
  { outer: SecretKeySelectorSchema, proto: 1, struct: LocalObjectReferenceSchema },
  { outer: ConfigMapEnvSourceSchema, proto: 1, struct: LocalObjectReferenceSchema },
  { outer: SecretEnvSourceSchema, proto: 1, struct: LocalObjectReferenceSchema },
];
