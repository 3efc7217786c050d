// The contract is only worth something if it fails a transport that gets Kafka wrong.
// Each test breaks one semantic, on one transport, and expects the case that covers
// that semantic to reject, for the reason it names.
import { describe, expect, it } from 'vitest';
import { brokerTransport } from './brokerTransport.js';
import { commitsBeforeHandling, deletesToTheEnd, dropsHeaders, ignoresPause, OtherHashInMemoryKafka } from './brokenClients.js';
import { commitsAfterSuccess, deleteRecordsMovesLogStart, exhaustedToDeadLetter, keyPlacement, pauseIsPerPartition, retriesThenSuccess } from './cases/index.js';
import { inMemoryTransport } from './inMemoryTransport.js';

describe('the contract fails a broken in-memory transport', () => {
  it('that commits a batch before handling it', async () => {
    await expect(commitsAfterSuccess.run(inMemoryTransport({ wrap: commitsBeforeHandling }))).rejects.toThrow(/committed offset while record 1 is in the handler/);
  });

  it('that ignores pause', async () => {
    await expect(retriesThenSuccess.run(inMemoryTransport({ wrap: ignoresPause }))).rejects.toThrow(/wait before attempt 2/);
    await expect(pauseIsPerPartition.run(inMemoryTransport({ wrap: ignoresPause }))).rejects.toThrow(/other partition handled during the backoff|partition 0 paused/);
  });

  it('whose admin deletes records past the offset it is given', async () => {
    await expect(deleteRecordsMovesLogStart.run(inMemoryTransport({ wrap: deletesToTheEnd }))).rejects.toThrow(/3\.\.5/);
  });

  it('that places keys with another hash than murmur2', async () => {
    await expect(keyPlacement.run(inMemoryTransport({ kafka: new OtherHashInMemoryKafka() }))).rejects.toThrow(/partition of customer-/);
  });
});

describe('the contract fails a broken broker transport', () => {
  it('whose producer drops headers', async () => {
    await expect(exhaustedToDeadLetter.run(brokerTransport({ wrap: dropsHeaders }))).rejects.toThrow(/dead-letter headers/);
  });

  it('whose consumer ignores pause', async () => {
    await expect(retriesThenSuccess.run(brokerTransport({ wrap: ignoresPause }))).rejects.toThrow(/wait before attempt 2/);
  });

  it('whose consumer commits a batch before handling it', async () => {
    await expect(commitsAfterSuccess.run(brokerTransport({ wrap: commitsBeforeHandling }))).rejects.toThrow(/committed offset while record 1 is in the handler/);
  });
});
