import { Kafka, logLevel } from 'kafkajs';
const kafka = new Kafka({ brokers: ['127.0.0.1:9592'], logLevel: logLevel.NOTHING });
const admin = kafka.admin(); await admin.connect();
const topic = `retention-probe-${Date.now()}`;
await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
const p = kafka.producer(); await p.connect();
await p.send({ topic, messages: [{ value: 'old', timestamp: '1700000000000' }, { value: 'old2', timestamp: '1700000000001' }] });
await p.disconnect();
const t0 = Date.now();
for (;;) {
  const [o] = await admin.fetchTopicOffsets(topic);
  if (o.low !== '0') { console.log(`after ${Math.round((Date.now()-t0)/1000)} s: low=${o.low} high=${o.high}: records deleted by time retention`); break; }
  if (Date.now() - t0 > 330000) { console.log('not deleted within 330 s'); break; }
  await new Promise(r => setTimeout(r, 2000));
}
await admin.deleteTopics({ topics: [topic] }); await admin.disconnect();
