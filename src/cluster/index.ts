/** `npm run cluster` and the cluster tests start the production shape through this module. */
export { startCluster, type Cluster, type ClusterOptions } from './cluster';
export type { ApiHandle, WorkerHandle } from './app-processes';
export type { PostgresHandle } from './postgres';
export type { TemporalServiceHandle } from './temporal-services';
export { TEMPORAL_SERVICES, type ClusterLayout, type TemporalServiceName } from './layout';
export { MissingClusterBinary } from './binaries';
export { firstAdminOf } from './first-admin';
