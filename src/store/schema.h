// The database schema, as an ordered list of migrations.
//
// The schema version is SQLite's user_version. Opening a database applies
// every migration above its version, each in its own BEGIN IMMEDIATE
// transaction, so an old file is upgraded in place and a crash mid-way
// leaves it at the last whole version. A file newer than this program is
// refused rather than misread.
#pragma once

namespace danju {

class Database;

// The version this program writes.
int schema_version();

// Brings the database up to schema_version(). Throws DatabaseError.
void apply_migrations(Database& db);

}  // namespace danju
