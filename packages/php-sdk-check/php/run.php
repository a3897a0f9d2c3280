<?php

// Runs Leat's PHP SDK against the mock: for each planned call, reset the mock, call
// $client-><resource>-><method>(...args) and record what came back (the class of the result,
// or the SDK exception's code) and every PHP warning the SDK raised on the way (a warning such
// as "Undefined property: stdClass::$foo" is the SDK reading a field the answer lacks).
// Input: the plan written by src/main.mjs (a JSON file); output: one JSON document on stdout.

require __DIR__ . '/autoload.php';

$plan = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
leat_php_sdk_autoload($plan['sdk']);

$warnings = [];
set_error_handler(function (int $severity, string $message, string $file, int $line) use (&$warnings): bool {
    if ($severity & (E_DEPRECATED | E_USER_DEPRECATED)) {
        return true; // PHP 8 deprecations in the SDK's code say nothing about the API
    }
    $warnings[] = ['message' => $message, 'file' => $file, 'line' => $line];
    return true;
});

$client = new \Piggy\Api\OAuthClientApiKey($plan['token']);
$client->setBaseUrl($plan['baseUrl']);
$http = new \GuzzleHttp\Client();

/** Turns the plan's argument descriptions into PHP values. */
function leat_php_sdk_argument($arg)
{
    if (is_array($arg) && array_key_exists('$date', $arg)) {
        return new \DateTime($arg['$date']);
    }
    if (is_array($arg) && array_key_exists('$mapper', $arg)) {
        $class = 'Piggy\\Api\\Mappers\\' . $arg['$mapper'];
        $data = json_decode(json_encode($arg['data']));
        return (new $class())->map($data);
    }
    return $arg;
}

/** What a value is, for the report: a class name, or a type with its items' classes. */
function leat_php_sdk_describe($value): string
{
    if (is_object($value)) {
        return get_class($value);
    }
    if (is_array($value)) {
        $items = array_unique(array_map(function ($item) {
            return is_object($item) ? get_class($item) : gettype($item);
        }, $value));
        return 'array(' . count($value) . ')' . ($items ? ' of ' . implode('|', $items) : '');
    }
    return gettype($value) . ' ' . var_export($value, true);
}

/** Whether $value is what the plan expects: "Contacts\Contact", "Contacts\Contact[]", "?Tiers\Tier", "string", "int", "true", "array", "any". */
function leat_php_sdk_matches($value, string $expected): bool
{
    if ($expected === 'any') {
        return true;
    }
    if ($expected === 'true') {
        return $value === true;
    }
    if (in_array($expected, ['string', 'int', 'array'], true)) {
        return gettype($value) === ['string' => 'string', 'int' => 'integer', 'array' => 'array'][$expected];
    }
    if (substr($expected, 0, 1) === '?') {
        return $value === null || leat_php_sdk_matches($value, substr($expected, 1));
    }
    if (substr($expected, -2) === '[]') {
        if (!is_array($value) || count($value) === 0) {
            return false;
        }
        foreach ($value as $item) {
            if (!leat_php_sdk_matches($item, substr($expected, 0, -2))) {
                return false;
            }
        }
        return true;
    }
    $class = substr($expected, 0, 1) === '\\' ? substr($expected, 1) : 'Piggy\\Api\\Models\\' . $expected;
    return $value instanceof $class;
}

$results = [];
foreach ($plan['calls'] as $call) {
    $http->post($plan['baseUrl'] . '/__mock/reset');
    $warnings = [];
    $result = ['id' => $call['id']];
    [$resource, $method] = explode('->', $call['call']);
    try {
        $target = $client->{$resource};
        if (!is_object($target) || !method_exists($target, $method)) {
            throw new \LogicException("the SDK has no \$client->{$resource}->{$method}()");
        }
        $args = array_map('leat_php_sdk_argument', $call['args']);
        $value = $target->{$method}(...$args);
        $result['outcome'] = leat_php_sdk_matches($value, $call['returns']) ? 'returned' : 'unexpected';
        $result['detail'] = leat_php_sdk_describe($value);
    } catch (\Piggy\Api\Exceptions\PiggyRequestException $e) {
        $result['outcome'] = 'error';
        $result['code'] = $e->getCode();
        $result['status'] = $e->getStatusCode();
        $result['detail'] = $e->getMessage();
        $bag = $e->getErrorBag();
        if ($bag !== null) {
            foreach ($bag->all() as $error) {
                $result['errors'][$error->getKey()] = $error->getErrors();
            }
        }
    } catch (\Throwable $e) {
        $result['outcome'] = 'failed';
        $message = str_replace(rtrim($plan['sdk'], '/') . '/', '', $e->getMessage());
        $result['detail'] = get_class($e) . ': ' . $message . ' at ' . basename($e->getFile()) . ':' . $e->getLine();
    }
    $result['warnings'] = $warnings;
    $results[] = $result;
}

// Methods the exclusion list names must exist, so the list keeps naming the SDK's real calls.
$missing = [];
foreach ($plan['excluded'] as $call) {
    if (strpos($call, '::') !== false) {
        // A method of another class, "OAuthClient::ping": Piggy\Api\OAuthClient
        [$class, $method] = explode('::', $call);
        $exists = method_exists('Piggy\\Api\\' . $class, $method);
    } else {
        [$resource, $method] = explode('->', $call);
        $target = $client->{$resource} ?? null;
        $exists = is_object($target) && method_exists($target, $method);
    }
    if (!$exists) {
        $missing[] = $call;
    }
}

// Every public method of every resource the client carries, so a method the map does not
// name (a newer SDK's) is reported rather than silently left out.
$methods = [];
foreach (get_object_vars($client) as $name => $resource) {
    if (!$resource instanceof \Piggy\Api\Resources\BaseResource) {
        continue;
    }
    foreach ((new \ReflectionClass($resource))->getMethods(\ReflectionMethod::IS_PUBLIC) as $method) {
        if (!$method->isConstructor() && !$method->isStatic()) {
            $methods[] = $name . '->' . $method->getName();
        }
    }
}

echo json_encode(['results' => $results, 'missingExcluded' => $missing, 'methods' => $methods], JSON_PRETTY_PRINT | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
