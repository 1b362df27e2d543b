import type { AppContext } from '../context.ts';
import type { Actor } from './access.ts';

/** A kind of record files can be attached to (e.g. `creditbank.claim`), declared by the module that owns it. */
export interface AttachmentOwner {
  /** `<module>.<record>`. */
  type: string;
  /** Whether the actor may read the record, and so its files. */
  canRead(app: AppContext, actor: Actor, ownerId: number): Promise<boolean>;
  /** Whether the actor may attach files to the record now. */
  canAttach(app: AppContext, actor: Actor, ownerId: number): Promise<boolean>;
  /** The most files one record may hold. */
  maxFiles: number;
}
