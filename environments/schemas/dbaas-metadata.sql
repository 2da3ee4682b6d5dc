-- Seed 000: what the Mini DBaaS metadata database stores: database instances, HA cluster
-- metadata, backup and restore history, and system settings.

CREATE TABLE db_instances (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(63) NOT NULL UNIQUE,
    type VARCHAR(32) NOT NULL CHECK (type IN ('postgresql', 'postgresql-ha', 'mysql', 'mariadb', 'redis', 'mongodb')),
    status VARCHAR(32) NOT NULL DEFAULT 'creating'
        CHECK (status IN ('creating', 'running', 'updating', 'stopped', 'failed', 'deleting', 'deleted')),
    namespace VARCHAR(63) NOT NULL,
    config JSONB NOT NULL DEFAULT '{}'::jsonb,
    migrated BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON COLUMN db_instances.config IS 'Requested settings (storage, database, version); never passwords: those stay in Kubernetes Secrets.';
CREATE INDEX idx_db_instances_status ON db_instances (status);
CREATE INDEX idx_db_instances_namespace ON db_instances (namespace);

CREATE TABLE ha_clusters (
    id BIGSERIAL PRIMARY KEY,
    instance_id BIGINT NOT NULL UNIQUE REFERENCES db_instances (id) ON DELETE CASCADE,
    operator VARCHAR(32) NOT NULL DEFAULT 'zalando',
    cluster_name VARCHAR(63) NOT NULL,
    replicas INTEGER NOT NULL CHECK (replicas >= 1),
    primary_pod VARCHAR(253),
    replica_pods TEXT[] NOT NULL DEFAULT '{}',
    status VARCHAR(32) NOT NULL DEFAULT 'creating',
    last_failover_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE backups (
    id BIGSERIAL PRIMARY KEY,
    instance_id BIGINT NOT NULL REFERENCES db_instances (id) ON DELETE CASCADE,
    backup_name VARCHAR(253) NOT NULL,
    method VARCHAR(32) NOT NULL DEFAULT 'pg_dump' CHECK (method IN ('pg_dump', 'pg_dumpall', 'volume-snapshot', 'operator')),
    status VARCHAR(32) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'expired')),
    location TEXT,
    size_bytes BIGINT CHECK (size_bytes >= 0),
    retention_days INTEGER CHECK (retention_days > 0),
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ,
    error_message TEXT,
    UNIQUE (instance_id, backup_name)
);
CREATE INDEX idx_backups_instance_started ON backups (instance_id, started_at DESC);

CREATE TABLE restores (
    id BIGSERIAL PRIMARY KEY,
    backup_id BIGINT NOT NULL REFERENCES backups (id),
    target_instance_id BIGINT NOT NULL REFERENCES db_instances (id) ON DELETE CASCADE,
    status VARCHAR(32) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
    requested_by VARCHAR(128),
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ,
    error_message TEXT
);
CREATE INDEX idx_restores_target_started ON restores (target_instance_id, started_at DESC);

CREATE TABLE system_settings (
    key VARCHAR(128) PRIMARY KEY,
    value JSONB NOT NULL,
    description TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER db_instances_updated_at BEFORE UPDATE ON db_instances FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER ha_clusters_updated_at BEFORE UPDATE ON ha_clusters FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER system_settings_updated_at BEFORE UPDATE ON system_settings FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The metadata database registers itself, as the seed's migration does.
INSERT INTO db_instances (name, type, status, namespace, config, migrated)
VALUES ('dbaas-metadata', 'postgresql', 'running', 'dbaas-dbaas-metadata', '{"storage": "1Gi", "database": "dbaas_metadata"}', true);

INSERT INTO system_settings (key, value, description) VALUES
    ('backup.default_retention_days', '30', 'Days a backup is kept unless the request says otherwise'),
    ('metadata.port_forward_port', '5434', 'Local port of kubectl port-forward to the metadata database');
