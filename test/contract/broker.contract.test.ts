import { describe, it } from 'vitest';
import { brokerTransport } from './brokerTransport.js';
import { contractCases } from './cases/index.js';

describe('contract: real broker', () => {
  const transport = brokerTransport();
  for (const contractCase of contractCases) {
    it(contractCase.name, () => contractCase.run(transport));
  }
});
