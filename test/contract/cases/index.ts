import type { ContractCase } from '../ContractTransport.js';
import { commitsAfterSuccess } from './commitsAfterSuccess.js';
import { deleteRecordsMovesLogStart } from './deleteRecordsMovesLogStart.js';
import { exhaustedToDeadLetter } from './exhaustedToDeadLetter.js';
import { keyPlacement } from './keyPlacement.js';
import { pauseIsPerPartition } from './pauseIsPerPartition.js';
import { perKeyOrdering } from './perKeyOrdering.js';
import { poisonToDeadLetter } from './poisonToDeadLetter.js';
import { retriesThenSuccess } from './retriesThenSuccess.js';
import { roundTrip } from './roundTrip.js';

export { commitsAfterSuccess, deleteRecordsMovesLogStart, exhaustedToDeadLetter, keyPlacement, pauseIsPerPartition, perKeyOrdering, poisonToDeadLetter, retriesThenSuccess, roundTrip };

/** Every case of the behavioural contract; both transports run all of them. */
export const contractCases: readonly ContractCase[] = [
  roundTrip,
  retriesThenSuccess,
  exhaustedToDeadLetter,
  poisonToDeadLetter,
  perKeyOrdering,
  keyPlacement,
  commitsAfterSuccess,
  pauseIsPerPartition,
  deleteRecordsMovesLogStart,
];
