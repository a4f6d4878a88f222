/** The case's own record of what happened, kept by the workflow and returned by its queries. */
import type { IsoDate } from '../charter/dates';
import type { Refusal } from '../charter/rule';
import type { Actor } from './common';
import type { Deadline, Stage } from './case';
import type { MachineEvent } from './commands';

export interface TrailEntry {
  seq: number;
  /** Workflow time when it was recorded (ISO instant). */
  at: string;
  kind: 'registered' | 'command' | 'system' | 'correction' | 'alert' | 'alert_closed' | 'continued_as_new';
  type?: string;
  date?: string;
  form?: string;
  signedBy?: string;
  recordedBy?: Actor;
  policyId?: string;
  stageBefore?: Stage;
  stageAfter?: Stage;
  detail?: Record<string, unknown>;
  /** A paper record's breaches of the charter, kept with it for the auditor. */
  irregularities?: Refusal[];
  /** The request that recorded a command, so that a retry of it is answered from here instead of applied again. */
  request?: { key: string; fingerprint: string };
  /**
   * The step as the machine took it (command and system entries), so that a correction can judge the case again
   * from its start. Entries recorded before corrections existed have none, and cannot be corrected.
   */
  event?: MachineEvent;
  /** The Update that recorded it: the auditor, reading the history, finds a correction's step by it. */
  updateId?: string;
  /** The latest correction of this step: the trail entry that made it, and the step as it now stands. */
  corrected?: { bySeq: number; event: MachineEvent };
}

/** Every deadline the case ever had, and how it was met. */
export interface DeadlineRecord {
  id: string;
  kind: Deadline['kind'];
  startedOn: IsoDate;
  dueDate: IsoDate;
  overdueFrom: IsoDate;
  answerBy: string;
  metOn: IsoDate | null;
  workingDaysLate: number | null;
  /** Highest escalation level raised so far (0 = none). */
  level: number;
  policyId: string;
}

export interface CommandAccepted {
  stage: Stage;
  openDeadlines: Deadline[];
  seq: number;
  irregularities?: Refusal[];
  /** A correction's answer: the step it corrected, by trail seq and by the Update that recorded it. */
  corrected?: { seq: number; updateId: string | null };
}

export interface CommandRefusedDetails {
  refusals: Refusal[];
}
