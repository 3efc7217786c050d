import type { CheckReport, MessageReport, ReportFinding } from './CheckReport.js';

const BREAKS: Record<string, string> = {
  backward: 'breaks consumers on the new schema reading old data (BACKWARD)',
  forward: 'breaks consumers on the old schema reading new data (FORWARD)',
  both: 'breaks readers both ways',
};

/**
 * The human report: one block per message that changed, each finding with its
 * JSON pointer, rule, verdict for the message's mode, who it breaks and a hint.
 * Plain text, no colour, stable order (messages by name, findings as found).
 */
export function formatReport(report: CheckReport): string {
  const lines: string[] = [];
  lines.push(`ksdk check against ${report.baseline.description} (default mode ${report.mode}${report.lenient ? ', lenient' : ''})`);
  lines.push('');
  for (const message of report.messages) lines.push(...formatMessage(message));
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  const s = report.summary;
  lines.push(
    report.compatible
      ? `compatible: ${s.messages} message(s), ${s.findings} change(s), none breaking`
      : `INCOMPATIBLE: ${s.incompatibleMessages} of ${s.messages} message(s), ${s.incompatibleFindings} breaking change(s)`,
  );
  return `${lines.join('\n')}\n`;
}

function formatMessage(message: MessageReport): string[] {
  const mark = message.compatible ? '✓' : '✗';
  const against = message.checkedAgainst.length > 0 ? ` against ${message.checkedAgainst.join(', ')}` : '';
  const head = `${mark} ${message.name} (${message.schemaFile}) — ${message.status}, ${message.mode}${message.lenient ? ' lenient' : ''}${against}`;
  if (message.findings.length === 0) return [head];
  return [head, ...message.findings.flatMap(formatFinding), ''];
}

function formatFinding(f: ReportFinding): string[] {
  const mark = f.verdict === 'compatible' ? '✓' : '✗';
  const where = f.kind === 'manifest' ? `manifest ${f.pointer}` : f.pointer === '' ? '/' : f.pointer;
  const versus = f.kind === 'schema' && f.against !== undefined ? ` [vs ${f.against}]` : '';
  const lines = [`    ${mark} ${where}  ${f.rule}${versus}: ${f.message}`];
  if (f.verdict === 'incompatible') {
    if (f.kind === 'schema') {
      lines.push(`        ${BREAKS[f.breaks] ?? ''}; BACKWARD ${f.verdicts.BACKWARD}, FORWARD ${f.verdicts.FORWARD}, FULL ${f.verdicts.FULL}`);
    }
    lines.push(`        hint: ${f.hint}`);
  }
  return lines;
}
