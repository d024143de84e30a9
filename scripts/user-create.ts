// npm run user:create -- --email EMAIL [--role admin|organiser|coder] [--name NAME]
// Without --role the account is a coder, the least-privileged role.
// Prints a generated password once; set USER_PASSWORD to choose it instead.
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase, scriptDatabase } from "../db/connection";
import { generatePassword, hashPassword } from "../app/auth/password.server";
import { logAudit } from "../app/models/audit.server";
import { createUser, findUserByEmail } from "../app/models/user.server";
import { leastPrivilegedRole, roles } from "../app/auth/permissions";

const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } });
const role = values.role === undefined ? leastPrivilegedRole : roles.find((r) => r === values.role);
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email) || !role) {
  console.error(
    `Usage: npm run user:create -- --email EMAIL [--role ${roles.join("|")}] [--name NAME] (default role: ${leastPrivilegedRole})`,
  );
  process.exit(2);
}
const password = process.env.USER_PASSWORD ?? generatePassword();
if (password.length < 12) {
  console.error("USER_PASSWORD must have at least 12 characters.");
  process.exit(2);
}
const db = openDatabase(scriptDatabase());
try {
  await migrateToLatest(db);
  if (await findUserByEmail(db, values.email)) {
    console.error(`An account for ${values.email} already exists.`);
    process.exitCode = 1;
  } else {
    const user = await createUser(db, {
      email: values.email,
      name: values.name ?? values.email,
      role,
      passwordHash: await hashPassword(password),
    });
    await logAudit(db, { action: "user.create", targetType: "user", targetId: user.id, details: { role, by: "command line" } });
    console.log(`Created ${role} ${user.email}.`);
    if (!process.env.USER_PASSWORD) console.log(`Password (shown once): ${password}`);
  }
} finally {
  await db.destroy();
}
