-- Seed 004: Product-Change service, development database.
-- A customer asks to move a phone line from one rate plan (product) to another; the service
-- validates the request, calls the carrier's KOS system and records the outcome. Calls to KOS
-- go through a circuit breaker whose state lives here, shared by every service replica.
-- 3 tables, 12 indexes, the circuit breaker's initial row, 2 trigger functions, 3 monitoring views.

CREATE SCHEMA IF NOT EXISTS product_change;
SET search_path = product_change, public;

CREATE TABLE product_change_history (
    id BIGSERIAL PRIMARY KEY,
    request_id VARCHAR(50) NOT NULL UNIQUE,
    user_id VARCHAR(50) NOT NULL,
    line_number VARCHAR(20) NOT NULL,
    customer_id VARCHAR(50) NOT NULL,
    current_product_code VARCHAR(20) NOT NULL,
    target_product_code VARCHAR(20) NOT NULL,
    process_status VARCHAR(20) NOT NULL DEFAULT 'REQUESTED'
        CHECK (process_status IN ('REQUESTED', 'VALIDATED', 'PROCESSING', 'COMPLETED', 'FAILED')),
    validation_result TEXT,
    process_message TEXT,
    request_payload JSONB,
    response_payload JSONB,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    validated_at TIMESTAMPTZ,
    processed_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (current_product_code <> target_product_code)
);

CREATE TABLE kos_integration_log (
    id BIGSERIAL PRIMARY KEY,
    request_id VARCHAR(50) NOT NULL,
    integration_type VARCHAR(30) NOT NULL
        CHECK (integration_type IN ('CUSTOMER_INFO', 'PRODUCT_INFO', 'PRODUCT_CHANGE', 'LINE_STATUS')),
    method VARCHAR(10) NOT NULL,
    endpoint VARCHAR(200) NOT NULL,
    request_headers JSONB,
    request_body JSONB,
    response_status INTEGER,
    response_body JSONB,
    response_time_ms INTEGER CHECK (response_time_ms >= 0),
    is_success BOOLEAN NOT NULL DEFAULT false,
    error_message TEXT,
    retry_count INTEGER NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
    circuit_breaker_state VARCHAR(10) CHECK (circuit_breaker_state IN ('CLOSED', 'OPEN', 'HALF_OPEN')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE circuit_breaker_state (
    id BIGSERIAL PRIMARY KEY,
    service_name VARCHAR(50) NOT NULL UNIQUE,
    state VARCHAR(10) NOT NULL DEFAULT 'CLOSED' CHECK (state IN ('CLOSED', 'OPEN', 'HALF_OPEN')),
    failure_count INTEGER NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
    success_count INTEGER NOT NULL DEFAULT 0 CHECK (success_count >= 0),
    failure_threshold INTEGER NOT NULL DEFAULT 5 CHECK (failure_threshold > 0),
    timeout_duration_ms INTEGER NOT NULL DEFAULT 60000 CHECK (timeout_duration_ms > 0),
    last_failure_time TIMESTAMPTZ,
    last_success_time TIMESTAMPTZ,
    next_attempt_time TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Indexes (12)
CREATE INDEX idx_pch_user_id ON product_change_history (user_id);
CREATE INDEX idx_pch_line_number ON product_change_history (line_number);
CREATE INDEX idx_pch_customer_id ON product_change_history (customer_id);
CREATE INDEX idx_pch_process_status ON product_change_history (process_status);
CREATE INDEX idx_pch_line_requested ON product_change_history (line_number, requested_at DESC);
CREATE INDEX idx_pch_in_flight ON product_change_history (requested_at)
    WHERE process_status IN ('REQUESTED', 'VALIDATED', 'PROCESSING');
CREATE INDEX idx_kil_request_id ON kos_integration_log (request_id);
CREATE INDEX idx_kil_created_at ON kos_integration_log (created_at DESC);
CREATE INDEX idx_kil_type_created ON kos_integration_log (integration_type, created_at DESC);
CREATE INDEX idx_kil_failures ON kos_integration_log (created_at DESC) WHERE NOT is_success;
CREATE INDEX idx_cbs_state ON circuit_breaker_state (state);
CREATE INDEX idx_cbs_next_attempt ON circuit_breaker_state (next_attempt_time) WHERE state = 'OPEN';

-- Trigger functions
CREATE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

-- Stamps the step times and bumps the optimistic-locking version on every status change.
CREATE FUNCTION record_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.process_status IS DISTINCT FROM OLD.process_status THEN
        IF NEW.process_status = 'VALIDATED' AND NEW.validated_at IS NULL THEN
            NEW.validated_at = now();
        ELSIF NEW.process_status IN ('COMPLETED', 'FAILED') AND NEW.processed_at IS NULL THEN
            NEW.processed_at = now();
        END IF;
        NEW.version = OLD.version + 1;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_pch_updated_at BEFORE UPDATE ON product_change_history
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER trg_pch_status_change BEFORE UPDATE ON product_change_history
    FOR EACH ROW EXECUTE FUNCTION record_status_change();
CREATE TRIGGER trg_cbs_updated_at BEFORE UPDATE ON circuit_breaker_state
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Initial data: the circuit breaker in front of KOS starts closed.
INSERT INTO circuit_breaker_state (service_name, state, failure_threshold, timeout_duration_ms)
VALUES ('KOS_SERVICE', 'CLOSED', 5, 60000)
ON CONFLICT (service_name) DO NOTHING;

-- Monitoring views
CREATE VIEW v_product_change_daily_summary AS
SELECT date_trunc('day', requested_at) AS day,
       process_status,
       count(*) AS requests,
       avg(extract(epoch FROM (processed_at - requested_at))) AS avg_seconds_to_finish
FROM product_change_history
GROUP BY 1, 2;

CREATE VIEW v_circuit_breaker_status AS
SELECT service_name, state, failure_count, failure_threshold, last_failure_time, next_attempt_time,
       state = 'OPEN' AND next_attempt_time > now() AS rejecting_calls
FROM circuit_breaker_state;

CREATE VIEW v_kos_integration_stats AS
SELECT integration_type,
       count(*) AS calls,
       count(*) FILTER (WHERE is_success) AS successes,
       round(100.0 * count(*) FILTER (WHERE NOT is_success) / count(*), 2) AS failure_rate_percent,
       avg(response_time_ms) AS avg_response_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY response_time_ms) AS p95_response_ms
FROM kos_integration_log
WHERE created_at > now() - interval '1 hour'
GROUP BY integration_type;
