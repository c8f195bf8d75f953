package data

import (
	"testing"
	"unicode/utf8"
)

// numberCases are worked by hand from the rules in NumberEnglish's and
// NumberChinese's comments.
var numberCases = []struct {
	n       int
	english string
	chinese string
}{
	{0, "zero", "零"},
	{7, "seven", "七"},
	{10, "ten", "十"},
	{11, "eleven", "十一"},
	{19, "nineteen", "十九"},
	{20, "twenty", "二十"},
	{42, "forty-two", "四十二"},
	{100, "one hundred", "一百"},
	{101, "one hundred and one", "一百零一"},
	{110, "one hundred and ten", "一百一十"},
	{115, "one hundred and fifteen", "一百一十五"},
	{342, "three hundred and forty-two", "三百四十二"},
	{1000, "one thousand", "一千"},
	{1001, "one thousand and one", "一千零一"},
	{1010, "one thousand and ten", "一千零一十"},
	{1100, "one thousand one hundred", "一千一百"},
	{2019, "two thousand and nineteen", "二千零一十九"},
	{10000, "ten thousand", "一万"},
	{10001, "ten thousand and one", "一万零一"},
	{10010, "ten thousand and ten", "一万零一十"},
	{10100, "ten thousand one hundred", "一万零一百"},
	{11000, "eleven thousand", "一万一千"},
	{20020, "twenty thousand and twenty", "二万零二十"},
	{42342, "forty-two thousand three hundred and forty-two", "四万二千三百四十二"},
	{50505, "fifty thousand five hundred and five", "五万零五百零五"},
	{60006, "sixty thousand and six", "六万零六"},
	{99999, "ninety-nine thousand nine hundred and ninety-nine", "九万九千九百九十九"},
}

func TestNumberWordsHandWorked(t *testing.T) {
	for _, c := range numberCases {
		en, err := NumberEnglish(c.n)
		if err != nil || en != c.english {
			t.Errorf("NumberEnglish(%d) = %q, %v; want %q", c.n, en, err, c.english)
		}
		zh, err := NumberChinese(c.n)
		if err != nil || zh != c.chinese {
			t.Errorf("NumberChinese(%d) = %q, %v; want %q", c.n, zh, err, c.chinese)
		}
	}
}

// TestNumberWordsOneToOne checks over the whole range that no two numbers
// share a spelling on either side (so each pair has one reference) and that
// no Chinese numeral starts with 零, starts with 一十, ends with 零, or holds
// 零零.
func TestNumberWordsOneToOne(t *testing.T) {
	en, zh := map[string]int{}, map[string]int{}
	for n := 0; n <= MaxNumber; n++ {
		e, _ := NumberEnglish(n)
		c, _ := NumberChinese(n)
		if m, ok := en[e]; ok {
			t.Fatalf("%d and %d are both %q", m, n, e)
		}
		if m, ok := zh[c]; ok {
			t.Fatalf("%d and %d are both %q", m, n, c)
		}
		en[e], zh[c] = n, n
		r := []rune(c)
		if n > 0 && (r[0] == '零' || r[len(r)-1] == '零') {
			t.Fatalf("%d: %q starts or ends with 零", n, c)
		}
		if utf8.RuneCountInString(c) > 1 && string(r[:2]) == "一十" {
			t.Fatalf("%d: %q starts with 一十", n, c)
		}
		for i := 1; i < len(r); i++ {
			if r[i] == '零' && r[i-1] == '零' {
				t.Fatalf("%d: %q holds 零零", n, c)
			}
		}
	}
}

func TestNumberWordsRange(t *testing.T) {
	_, err := NumberEnglish(-1)
	wantErr(t, err, "-1", "0..99999")
	_, err = NumberChinese(100000)
	wantErr(t, err, "100000", "0..99999")
}
