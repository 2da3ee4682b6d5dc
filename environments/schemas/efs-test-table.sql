-- Seed 003: the table whose changes history_table records, with its initial row.
CREATE TABLE test_table (
    id SERIAL PRIMARY KEY,
    name TEXT
);

INSERT INTO test_table (name) VALUES ('Test Data');
