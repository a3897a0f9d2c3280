<?php

// What Composer would set up for the SDK: its PSR-4 namespace (Piggy\Api\ => <sdk>/src/), its
// files entry (src/helpers.php), Debian's Guzzle, and the enum stand-in.

function leat_php_sdk_autoload(string $sdkDir): void
{
    $src = rtrim($sdkDir, '/') . '/src/';
    spl_autoload_register(function (string $class) use ($src): void {
        $prefix = 'Piggy\\Api\\';
        if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
            return;
        }
        $file = $src . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    });
    require_once $src . 'helpers.php';
    require_once '/usr/share/php/GuzzleHttp/autoload.php';
    if (!class_exists('MabeEnum\\Enum')) {
        require_once __DIR__ . '/enum-shim.php';
    }
}
