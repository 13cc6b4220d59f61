/** KeyToPath: one key of a ConfigMap or Secret projected into a file, shared by volume sources. */
import { field, int32, int64, object, string } from '../../../schema/build.js';

export const KeyToPathSchema = object('io.k8s.api.core.v1.KeyToPath', 'Places the value under one key of a ConfigMap or Secret in a file at a relative path.', () => ({
  key: field(string, 'The key whose value is written.', { required: true, proto: 1 }),
  path: field(string, "Relative file path to write the value to; may not contain '..' or start with '..'.",
    { required: true, proto: 2 }),
  mode: field(int32, "Permission bits of the file (0-0777); defaults to the volume's defaultMode.", { proto: 3 }),
  user: field(int64, "UID that owns the file; overrides the volume's defaultUser.", { proto: 4 }),
}));
