<?php

// The SDK declares marc-mabe/php-enum (not packaged by Debian) and uses only this much of it:
// Enum::byName($name)->getValue(), Enum::has($value) and the class constants. A stand-in so the
// check needs no Composer; it is loaded only when the real library is absent.

namespace MabeEnum;

abstract class Enum
{
    /** @var string */
    private $name;

    /** @var mixed */
    private $value;

    private function __construct(string $name, $value)
    {
        $this->name = $name;
        $this->value = $value;
    }

    /** @return array<string, mixed> */
    public static function getConstants(): array
    {
        return (new \ReflectionClass(static::class))->getConstants();
    }

    public static function byName(string $name): self
    {
        $constants = static::getConstants();
        if (!array_key_exists($name, $constants)) {
            throw new \InvalidArgumentException(static::class . '::' . $name . ' is not defined');
        }
        return new static($name, $constants[$name]);
    }

    /** @param mixed $value */
    public static function byValue($value): self
    {
        $name = array_search($value, static::getConstants(), true);
        if ($name === false) {
            throw new \InvalidArgumentException('Unknown value ' . var_export($value, true) . ' for ' . static::class);
        }
        return new static($name, $value);
    }

    /** @param mixed $enumerator an instance or a value */
    public static function has($enumerator): bool
    {
        if ($enumerator instanceof static) {
            return true;
        }
        return in_array($enumerator, static::getConstants(), true);
    }

    /** @return mixed */
    public function getValue()
    {
        return $this->value;
    }

    public function getName(): string
    {
        return $this->name;
    }
}
