import type { Names } from './names';

/** Domain and application layers: the aggregate with its rule, its errors, the repository port, two use cases. */
export const coreFiles = (n: Names): Record<string, string> => ({
  [`src/domain/${n.context}/${n.file}.ts`]: `import { Invalid${n.Aggregate} } from './${n.context}.errors';

export const NAME_MAX_LENGTH = 100;

/** A ${n.aggregate} belongs to the customer who created it. Plain TypeScript: the invariants live here. */
export class ${n.Aggregate} {
  id: string;
  ownerId: string;
  name: string;
  createdAt: Date;

  static create(input: { id: string; ownerId: string; name: string; now: Date }): ${n.Aggregate} {
    const name = input.name.trim();
    if (name.length < 1 || name.length > NAME_MAX_LENGTH) throw new Invalid${n.Aggregate}(\`A name has 1 to \${NAME_MAX_LENGTH} characters.\`);
    const ${n.aggregate} = new ${n.Aggregate}();
    ${n.aggregate}.id = input.id;
    ${n.aggregate}.ownerId = input.ownerId;
    ${n.aggregate}.name = name;
    ${n.aggregate}.createdAt = input.now;
    return ${n.aggregate};
  }

  isVisibleTo(userId: string, isAdmin: boolean): boolean {
    return isAdmin || this.ownerId === userId;
  }
}
`,
  [`src/domain/${n.context}/${n.context}.errors.ts`]: `import { DomainError } from '../shared/domain-error';

export class Invalid${n.Aggregate} extends DomainError {
  readonly code = 'invalid-${n.file}';
  readonly kind = 'invalid';
}

export class ${n.Aggregate}NotFound extends DomainError {
  readonly code = '${n.file}-not-found';
  readonly kind = 'not_found';
  constructor(id: string) {
    super(\`No ${n.file.replace(/-/g, ' ')} \${id}.\`);
  }
}
`,
  [`src/domain/${n.context}/${n.file}.spec.ts`]: `import { ${n.Aggregate} } from './${n.file}';
import { Invalid${n.Aggregate} } from './${n.context}.errors';

const now = new Date('2026-01-01T00:00:00Z');
const create = (name: string) => ${n.Aggregate}.create({ id: 'a1', ownerId: 'u1', name, now });

describe('${n.Aggregate}', () => {
  it('keeps the trimmed name, its owner and when it was created', () => {
    expect(create('  First  ')).toMatchObject({ id: 'a1', ownerId: 'u1', name: 'First', createdAt: now });
  });

  it.each(['', '   ', 'x'.repeat(101)])('refuses the name %p', (name) => {
    expect(() => create(name)).toThrow(Invalid${n.Aggregate});
  });

  it('is visible to its owner and to admins only', () => {
    const ${n.aggregate} = create('First');
    expect([${n.aggregate}.isVisibleTo('u1', false), ${n.aggregate}.isVisibleTo('u2', true), ${n.aggregate}.isVisibleTo('u2', false)]).toEqual([true, true, false]);
  });
});
`,
  [`src/application/${n.context}/${n.file}.repository.ts`]: `import type { ${n.Aggregate} } from '../../domain/${n.context}/${n.file}';

export abstract class ${n.Aggregate}Repository {
  abstract nextId(): string;
  abstract byId(id: string): Promise<${n.Aggregate} | null>;
  abstract add(${n.aggregate}: ${n.Aggregate}): Promise<void>;
}
`,
  [`src/application/${n.context}/create-${n.file}.ts`]: `import { Injectable } from '@nestjs/common';
import { ${n.Aggregate} } from '../../domain/${n.context}/${n.file}';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { ${n.Aggregate}Repository } from './${n.file}.repository';

/** Any logged-in user creates ${n.aggregate}s of their own. */
@Injectable()
export class Create${n.Aggregate} {
  constructor(
    private readonly repository: ${n.Aggregate}Repository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: { name: string }): Promise<${n.Aggregate}> {
    const ${n.aggregate} = ${n.Aggregate}.create({ id: this.repository.nextId(), ownerId: actor.userId, name: input.name, now: this.clock.now() });
    await this.repository.add(${n.aggregate});
    return ${n.aggregate};
  }
}
`,
  [`src/application/${n.context}/get-${n.file}.ts`]: `import { Injectable } from '@nestjs/common';
import type { ${n.Aggregate} } from '../../domain/${n.context}/${n.file}';
import { ${n.Aggregate}NotFound } from '../../domain/${n.context}/${n.context}.errors';
import { type Actor, isAdmin } from '../shared/actor';
import { ${n.Aggregate}Repository } from './${n.file}.repository';

/** Its owner or an admin sees a ${n.aggregate}; anyone else gets the same answer as for a missing one. */
@Injectable()
export class Get${n.Aggregate} {
  constructor(private readonly repository: ${n.Aggregate}Repository) {}

  async execute(actor: Actor, id: string): Promise<${n.Aggregate}> {
    const ${n.aggregate} = await this.repository.byId(id);
    if (!${n.aggregate} || !${n.aggregate}.isVisibleTo(actor.userId, isAdmin(actor))) throw new ${n.Aggregate}NotFound(id);
    return ${n.aggregate};
  }
}
`,
});
