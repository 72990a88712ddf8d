-- Provider kinds: 'http' forwards to targets; 'mock' answers inside the gateway from mock_json.
-- mock_json:         {"status":200,"body":"...","contentType":"application/json","latencyMs":0,"faults":{...}}
-- health_check_json: {"path":"/health","intervalMs":10000,"timeoutMs":2000,"healthyThreshold":2,"unhealthyThreshold":3}
-- faults_json:       {"errorPercent":0,"errorStatus":502,"resetPercent":0,"delayPercent":0,"delayMs":1000}
ALTER TABLE provider ADD COLUMN kind VARCHAR(10) DEFAULT 'http' NOT NULL;
ALTER TABLE provider ADD COLUMN mock_json VARCHAR(80000);
ALTER TABLE provider ADD COLUMN health_check_json VARCHAR(2000);
ALTER TABLE route ADD COLUMN faults_json VARCHAR(1000);
