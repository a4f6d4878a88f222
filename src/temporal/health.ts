/** Whether the Temporal frontend answers, for the API's readiness probe. */
import type { Client } from '@temporalio/client';

/**
 * 'ok', or why not. GetSystemInfo is the call every SDK makes first: cheap, and answered only by a frontend that
 * can serve. The deadline is short because a load balancer's probe must get its answer, whatever the cluster does.
 */
export async function temporalHealth(client: Client, timeoutMs: number): Promise<string> {
  try {
    await client.connection.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));
    return 'ok';
  } catch (err) {
    return `unreachable: ${err instanceof Error ? err.message : String(err)}`;
  }
}
