import * as z from 'zod';

/**
 * The EventBridge envelope, field for field as Powertools' `EventBridgeSchema` has it. Written out
 * here because that module imports zod as `{ z }`, a namespace object esbuild cannot tree-shake:
 * it would bring zod's 40 locale files (about 350 KB minified) into every scheduled function.
 */
export const eventBridgeEventSchema = z.object({
  version: z.string(),
  id: z.string(),
  source: z.string(),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  'detail-type': z.string(),
  detail: z.unknown(),
  'replay-name': z.string().optional(),
});
