package data_test

import (
	"fmt"
	"strings"

	"github.com/luoxia/aigc/lib/data"
)

func ExampleNumberChinese() {
	for _, n := range []int{10, 15, 110, 342, 1001, 10010, 42342} {
		en, _ := data.NumberEnglish(n)
		zh, _ := data.NumberChinese(n)
		fmt.Printf("%6d  %-48s %s\n", n, en, zh)
	}
	// Output:
	//     10  ten                                              十
	//     15  fifteen                                          十五
	//    110  one hundred and ten                              一百一十
	//    342  three hundred and forty-two                      三百四十二
	//   1001  one thousand and one                             一千零一
	//  10010  ten thousand and ten                             一万零一十
	//  42342  forty-two thousand three hundred and forty-two   四万二千三百四十二
}

func ExampleCharVocab() {
	v, _ := data.NewCharVocab("hello world")
	ids, _ := v.Encode("hold")
	back, _ := v.Decode(ids)
	fmt.Printf("%d characters %q\n%v %q\n", v.Size(), v.Chars(), ids, back)
	_, err := v.Encode("help")
	fmt.Println(err)
	// Output:
	// 8 characters " dehlorw"
	// [3 5 4 1] "hold"
	// data: CharVocab.Encode: character 'p' (U+0070) at position 3 (byte offset 3) is not in the 8-character vocabulary
}

func ExampleEncodePairs() {
	pairs := []data.NumberPair{data.NumberPairOf(7), data.NumberPairOf(342)}
	en, zh := data.NumberVocabs()
	enTok, zhTok := data.NumberTokens(pairs)
	b := data.EncodePairs(enTok, zhTok, en, zh)
	src, lengths := data.PadBatch(b.Src, data.PadID)
	for i := range src {
		fmt.Println(src[i], lengths[i], strings.Join(en.Decode(src[i]), " "))
		fmt.Println("  ", b.TgtIn[i], strings.Join(zh.Decode(b.TgtIn[i]), " "))
		fmt.Println("  ", b.TgtOut[i], strings.Join(zh.Decode(b.TgtOut[i]), " "))
	}
	// Output:
	// [1 12 2 0 0 0] 3 <s> seven </s> <pad> <pad> <pad>
	//    [1 8] <s> 七
	//    [8 2] 七 </s>
	// [1 14 6 5 48 2] 6 <s> three hundred and forty-two </s>
	//    [1 9 7 15 5 11] <s> 三 百 四 十 二
	//    [9 7 15 5 11 2] 三 百 四 十 二 </s>
}

func ExampleCopyTask() {
	task := data.NewCopyTask(1)
	b := task.Batch(2)
	for i := range b.Src {
		fmt.Println(b.Src[i], b.TgtIn[i], b.TgtOut[i])
	}
	fmt.Println(task.HeldOut().Len(), "held out")
	// Output:
	// [1 6 1 7 2 10 2 7 7 10] [1 6 1 7 2 10 2 7 7] [6 1 7 2 10 2 7 7 10]
	// [1 6 6 6 7 2 7 9 1 6] [1 6 6 6 7 2 7 9 1] [6 6 6 7 2 7 9 1 6]
	// 1000 held out
}
