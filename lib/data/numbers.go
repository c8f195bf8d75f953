package data

import (
	"fmt"
	"strings"
)

// MaxNumber is the largest number the number-words task writes: the task
// covers every whole number from 0 to 99,999.
const MaxNumber = 99999

var (
	englishOnes = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	englishTens = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// NumberEnglish writes n (0 to MaxNumber) in English words, in the British
// style that puts "and" before the last part under a hundred:
//
//   - 0 to 19 have their own words, "zero" to "nineteen";
//   - 20 to 99 are a tens word, and if the units are not zero a hyphen and
//     the units word: "forty", "forty-two";
//   - 100 to 999 are the hundreds digit's word and "hundred", then, if the
//     rest is not zero, "and" and the rest: "three hundred", "three hundred
//     and forty-two", "one hundred and five";
//   - 1,000 to 99,999 are the thousands (1 to 99, in words) and "thousand",
//     then the rest: nothing if it is zero, "and" and the rest if it is
//     under a hundred, the rest alone otherwise: "twelve thousand",
//     "twelve thousand and seven", "twelve thousand three hundred and one".
//
// Words are separated by single spaces, so strings.Fields splits the text
// into its words (a hyphenated number such as "forty-two" is one word). It
// returns an error for n outside 0..MaxNumber.
func NumberEnglish(n int) (string, error) {
	if n < 0 || n > MaxNumber {
		return "", fmt.Errorf("data: NumberEnglish(%d): outside 0..%d", n, MaxNumber)
	}
	if n < 1000 {
		return englishUnder1000(n), nil
	}
	s := englishUnder100(n/1000) + " thousand"
	switch r := n % 1000; {
	case r == 0:
		return s, nil
	case r < 100:
		return s + " and " + englishUnder100(r), nil
	default:
		return s + " " + englishUnder1000(r), nil
	}
}

// englishUnder100 writes 0 <= n < 100.
func englishUnder100(n int) string {
	if n < 20 {
		return englishOnes[n]
	}
	if n%10 == 0 {
		return englishTens[n/10]
	}
	return englishTens[n/10] + "-" + englishOnes[n%10]
}

// englishUnder1000 writes 0 <= n < 1000.
func englishUnder1000(n int) string {
	if n < 100 {
		return englishUnder100(n)
	}
	s := englishOnes[n/100] + " hundred"
	if n%100 != 0 {
		s += " and " + englishUnder100(n%100)
	}
	return s
}

var (
	chineseDigits = []rune("零一二三四五六七八九")
	// chineseUnits[k] names 10^k: none, 十 (ten), 百 (hundred), 千 (thousand), 万 (ten thousand).
	chineseUnits = []string{"", "十", "百", "千", "万"}
)

// NumberChinese writes n (0 to MaxNumber) in Chinese numerals as they are
// read aloud and written in running text:
//
//   - each non-zero digit is written as its numeral followed by its place's
//     unit: 十 (ten), 百 (hundred), 千 (thousand), 万 (ten thousand), none for
//     the units: 342 is 三百四十二, 45,000 is 四万五千;
//   - zeros at the end are not written: 300 is 三百, 20,000 is 二万;
//   - zeros between non-zero digits are written as one 零, however many
//     there are: 305 is 三百零五, 1,001 is 一千零一, 10,010 is 一万零一十;
//   - a number that begins with one ten (10 to 19) drops the 一: 10 is 十
//     and 15 is 十五; anywhere else the 一 stays: 115 is 一百一十五 and
//     10,010 is 一万零一十;
//   - 0 alone is 零;
//   - 2 is 二 in every place. (In speech 两 often replaces it before 百,
//     千 and 万, as in 两千; the task keeps the one form, which is also
//     correct, so that each number has exactly one reference.)
//
// Ten thousand is a unit of its own in Chinese, where English counts
// thousands: 42,342 is 四万二千三百四十二, "four ten-thousands, two
// thousands, ...". It returns an error for n outside 0..MaxNumber.
func NumberChinese(n int) (string, error) {
	if n < 0 || n > MaxNumber {
		return "", fmt.Errorf("data: NumberChinese(%d): outside 0..%d", n, MaxNumber)
	}
	if n == 0 {
		return string(chineseDigits[0]), nil
	}
	var b strings.Builder
	started, zero := false, false // a digit has been written; zeros wait to be written as 零
	for k := len(chineseUnits) - 1; k >= 0; k-- {
		d := n / pow10(k) % 10
		switch {
		case d == 0:
			zero = started
		case k == 1 && d == 1 && !started:
			b.WriteString(chineseUnits[1]) // 十, not 一十, at the start
			started = true
		default:
			if zero {
				b.WriteRune(chineseDigits[0])
				zero = false
			}
			b.WriteRune(chineseDigits[d])
			b.WriteString(chineseUnits[k])
			started = true
		}
	}
	return b.String(), nil
}

// pow10 returns 10^k for small k >= 0.
func pow10(k int) int {
	p := 1
	for ; k > 0; k-- {
		p *= 10
	}
	return p
}
