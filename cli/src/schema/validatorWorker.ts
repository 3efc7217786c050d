// A worker thread that compiles the validators (`runValidatorJob`) while the main
// thread goes on with the types and the other files: ajv's compile is the largest
// single step of a large project, and a machine has more than one core.
import { parentPort } from 'node:worker_threads';
import { runValidatorJob, type ValidatorJob } from './validatorJob.js';

parentPort?.once('message', (job: ValidatorJob) => {
  parentPort?.postMessage(runValidatorJob(job));
});
