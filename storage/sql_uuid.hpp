// A random UUID (version 4) made by the database itself, for rows that get an id inside a statement
// (a need saved without one, and the needs that existed before they had ids).
#pragma once

#define ENLACE_SQL_RANDOM_UUID                                                             \
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"                \
  " || substr(lower(hex(randomblob(2))), 2) || '-'"                                       \
  " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)" \
  " || '-' || lower(hex(randomblob(6))))"

// The same on PostgreSQL (13 and later have it built in).
#define ENLACE_PG_RANDOM_UUID "CAST(gen_random_uuid() AS text)"
