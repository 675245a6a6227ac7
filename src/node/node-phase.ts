// Where a node is in its lifecycle. created → booting → running → stopping → stopped, and from stopped back to
// booting (reboot, upgrade). Only running nodes serve the API with live controllers.
export type NodePhase = 'created' | 'booting' | 'running' | 'stopping' | 'stopped';
