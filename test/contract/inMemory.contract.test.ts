import { describe, it } from 'vitest';
import { contractCases } from './cases/index.js';
import { inMemoryTransport } from './inMemoryTransport.js';

describe('contract: in-memory transport', () => {
  for (const contractCase of contractCases) {
    it(contractCase.name, () => contractCase.run(inMemoryTransport()));
  }
});
