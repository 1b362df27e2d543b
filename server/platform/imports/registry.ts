import { AppError } from '../errors.ts';
import type { ImportDefinition } from './definition.ts';

export class ImportRegistry {
  private readonly definitions = new Map<string, ImportDefinition>();

  register(definition: ImportDefinition): void {
    if (this.definitions.has(definition.entity)) throw new Error(`Import ${definition.entity} registered twice`);
    this.definitions.set(definition.entity, definition);
  }

  has(entity: string): boolean {
    return this.definitions.has(entity);
  }

  get(entity: string): ImportDefinition {
    const definition = this.definitions.get(entity);
    if (!definition) throw new AppError(404, 'UNKNOWN_IMPORT', 'import.unknown_entity', { entity });
    return definition;
  }

  list(): ImportDefinition[] {
    return [...this.definitions.values()];
  }
}
