/**
 * The input contracts the commands validate with, loaded by the command that needs one: their zod
 * schemas take longer to build than `--help` or a usage error takes altogether.
 */
export const adminSchemas = () => import('../contracts/admin.schema.ts');

export const usuarioClientesContract = () => import('../contracts/usuarioclientes.ts');

export const queueBodyContracts = async () => ({
  ...(await import('../contracts/offline-report.schema.ts')),
  ...(await import('../contracts/offline-alerts.schema.ts')),
});
